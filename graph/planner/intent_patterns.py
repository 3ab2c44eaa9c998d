"""The rules' patterns: phrasings that say an intent unmistakably, in priority order.

Data only; ``graph.planner.rules`` runs it on the message in lower case with straight
apostrophes. Order matters: an alert ("buy it when it drops to $70") is checked before a
cart action, a price-history question ("is this a good deal?") before deals. ``ALERT_CUE``
is what any price alert says, however it is decided.
"""

from __future__ import annotations

from graph.plan import Intent

_ITEM = r"(?:it|this|that|they|them|these|those|the \w+(?: one)?|this \w+|that \w+)"
_WHO = r"(?:customers|people|reviewers|buyers|users|owners|others|folks|shoppers|reviews)"
_WORD_NOT_PROOF = r"\bweather\b(?![ -]?(?:proof|resistant|sealed))"
_GREETING = (
    r"hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|"
    r"cheers|bye|goodbye|see you|ok(?:ay)?|cool|great|awesome|perfect|nice|got it|sounds good|"
    r"how are you(?: doing)?(?: today)?|who are you|what can you do|you'?re (?:great|awesome|"
    r"helpful|the best)|good bot|lol|haha"
)

_TO_ME = r"(?:notify|alert|ping|e-?mail|text|message|warn|remind) (?:me|us)"
_WHEN = r"(?:when|if|once|as soon as|whenever|until|till|the moment)"
_THIS = r"(?:the|this|that|it|its|these|those|them)"
ALERT_CUE = (
    rf"\b{_TO_ME}\b|\b(?:tell|inform|update) (?:me|us) {_WHEN}\b|\blet (?:me|us) know\b"
    r"|\b(?:want|like|need) to know\b|\bnotif(?:y|ied|ications?)\b|\balerts?\b"
    rf"|\bwatch {_THIS}\b|\b(?:track|monitor)(?:ing)? (?:{_THIS}|price)\b"
    r"|\bprice (?:watch|drops?|tracker)\b|\bkeep (?:an eye|tabs|track)\b"
    r"|\bauto[- ]?(?:buy|purchase|order)|\bautomatically (?:buy|order|purchase|get)"
    r"|\b(?:buy|order|purchase|get|grab) (?:\w+ ){0,3}?automatically\b"
    r"|\b(?:buy|order|grab|purchase) (?:it|this|that|them|one)(?: for me)? at\b"
    rf"|\b{_WHEN}\b.{{0,40}}\b(?:drops?|dropped|dips?|falls?|goes|gets|hits?|reach(?:es)?"
    r"|comes? down|costs? less|on sale|discounted|back in stock|restock\w*|price)\b"
    r"|\bgets? (?:cheaper|discounted)\b"
    r"|\b(?:it|price|they|one) (?:drops?|dips?|falls?|goes|comes) (?:down|below|under|to)\b"
)
"""What a price alert says and a search does not: someone to tell, a price to wait for,
a purchase to make later. A price alert without one is a search with a price bound."""

PATTERNS: tuple[tuple[Intent, float, str], ...] = (
    (
        "chit_chat",
        0.95,
        rf"^\W*(?:{_GREETING})(?:[\s,!.]+(?:there|again|so much|a lot|mate|buddy|friend|"
        rf"for (?:the|your) help|for helping|{_GREETING}))*[\s!.?:)(]*$",
    ),
    (
        "out_of_scope",
        0.9,
        rf"{_WORD_NOT_PROOF}|\bwill it (?:rain|snow)\b|\bhomework\b|\bessay\b|\bsolve (?:this"
        rf"|for)\b"
        r"|\bwrite (?:me )?an? (?:poem|story|song|essay|cover letter)\b|\bcapital of\b"
        r"|\bwho (?:won|is the president)\b|\bstock (?:tips|market)\b|\bbitcoin\b|\btranslate\b",
    ),  # and medical, legal or unsafe asks: graph.safety.regulated_topic (graph.planner.rules)
    (
        "account_memory",
        0.92,
        r"^(?:please |pls |hey,? |ok,? |also,? )?(?:remember|keep in mind|make a note|note that"
        r"|don'?t forget|do not forget|from now on|forget (?!it\b|about it\b))"
        r"|\b(?:remember|forget) (?:that )?(?:my|i'?m|i am|i)\b|\bmy (?:\w+ )?size is\b"
        r"|\bi(?:'m| am) (?:vegan|vegetarian|allergic|lactose|gluten|left[- ]handed)\b"
        r"|\b(?:don'?t|do not|never|stop) (?:show|recommend|suggest)(?:ing)?\b"
        r"|\bwhat (?:do|did) you (?:remember|know) about me\b|\bwhat are my preferences\b"
        r"|\bwhat (?:have|did) i (?:told|tell) you\b"
        r"|\b(?:erase|delete|clear|wipe|reset) (?:my (?:saved )?(?:memory|preferences|profile)"
        r"|what you)\b"
        r"|\bi (?:always |usually )?wear (?:a )?size\b|^i (?:really |generally |usually |always )?"
        r"(?:prefer|only buy|never buy|don'?t like|avoid) [\w&' ]+[.!]?$",
    ),
    (
        "price_alert",
        0.93,
        r"\b(?:alert|notify|tell|let|ping|email|text|message|warn|remind) (?:me|us)\b.*"
        r"\b(?:when|if|once|as soon as)\b.*\b(?:drops?|dropped|falls?|goes|go|gets|dips?"
        r"|reach(?:es)?"
        r"|hits?|under|below|cheaper|less|lower|on sale|discount\w*|back in stock|in stock"
        r"|restock\w*|available|price)\b|\bprice (?:alert|watch|tracker|drop alert"
        r"|notification)s?\b"
        r"|\b(?:set|create|add|make) (?:up )?(?:an? |the )?(?:price )?(?:alert|notification|watch)"
        r"|\b(?:watch|track|monitor) (?:the |its |this |that )?price\b"
        r"|\b(?:alert|notify|ping|tell|email|remind) (?:me|us) (?:to|of|about) (?:an? |any )?"
        r"(?:deals?|sales?|discounts?)\b"
        r"|\bauto[- ]?(?:buy|purchase|order)|\bautomatically (?:buy|order|purchase|add)\b"
        rf"|\b(?:buy|order|purchase|get) {_ITEM} (?:automatically|for me) (?:when|if|once|at)\b",
    ),
    (
        "cart_action",
        0.93,
        r"\b(?:add|put|throw|toss|stick|place|move|remove|delete|take|drop)\b.*\b(?:to|in|into"
        r"|from|out of|off)\s+(?:my |the )?(?:shopping )?(?:cart|basket|bag|trolley)\b"
        r"|\b(?:my|the) (?:shopping )?(?:cart|basket)\b|\bcheck ?out\b"
        r"|\b(?:i'?ll|i will|let me|i want to|i'?d like to) (?:take|buy|order|get) (?:it|this|"
        r"that|both|them|one|the \w+ one)\b|\bbuy (?:it|this|that|them|both) now\b"
        r"|\bplace (?:the|my|an) order\b",
    ),
    (
        "price_history",
        0.92,
        r"\bprice history\b|\bprice (?:trend|chart|graph|changes?)\b|\ball[- ]time low\b"
        rf"|\b(?:has|was|did|have|were) {_ITEM}\b.{{0,30}}\b(?:cheaper|lower|less|higher|more "
        r"expensive|on sale before|gone (?:up|down)|dropped|changed|gone on sale)\b"
        r"|\b(?:lowest|highest|cheapest) (?:price )?(?:it'?s|it has|they'?ve|it was|ever)\b"
        r"|\b(?:lowest|best) price ever\b|\bprice (?:over|in|during|for) the (?:last|past)\b"
        r"|\bhow (?:has |did |does )?the price\b|\b(?:is|are) (?:this|that|it|now|these) (?:a "
        r"|really"
        r" a )?(?:good|fair) (?:price|deal|time to buy)\b|\bgood time to buy\b"
        r"|\bshould i (?:wait|hold off|buy now|buy it now)\b|\bwill (?:it|the price) (?:drop"
        r"|go down)\b"
        r"|\b(?:has|have|was|were) (?:sold|gone|been) for\b",
    ),
    (
        "store_policy",
        0.9,
        r"\breturn (?:policy|window|period|label|shipping)\b|\b(?:can|could|how (?:do|can)) (?:i"
        r"|we)"
        r" (?:return|exchange|send (?:it|this|them) back|get a refund)\b|\brefunds?\b"
        r"|\bsend (?:\w+ )?back\b|\bexchange (?:it|this|policy|for)\b|\bhow (?:long"
        r"|many days) (?:do i have )?to return\b"
        r"|\b(?:shipping|delivery) (?:cost|costs|fee|fees|time|times|options?|policy|take|to)\b"
        r"|\bfree (?:shipping|delivery|returns)\b|\bhow (?:long|fast|quickly) (?:does|will|would)"
        r" (?:shipping|delivery|it take to (?:arrive|ship|deliver))\b|\bdo you (?:ship|deliver)\b"
        r"|\bwhen will (?:it|my order) (?:arrive|ship|be delivered)\b|\bexpress (?:shipping|"
        r"delivery)\b|\bwarranty\b|\bguarantee\b|\bpayment (?:options|methods|plans?)\b"
        r"|\bdo you (?:accept|take) (?!it\b)|\bpay (?:in installments|with|by|over time|later)\b"
        r"|\bfinancing\b|\bprice match\b|\bklarna\b|\bafterpay\b|\bpaypal\b|\bswap (?:it|this|them)"
        rf" for\b|\bif {_ITEM} (?:breaks|stops working|dies|is defective|arrives damaged|doesn'?t"
        r" (?:fit|work))\b",
    ),
    (
        "review_summary",
        0.9,
        rf"\bwhat (?:do|did|are|have) (?:the )?(?:other )?{_WHO}\b.{{0,20}}\b(?:say|saying|think"
        r"|said|like|dislike|complain)|\breviews? (?:say|saying|about|mention)\b|\bwhat(?:'s| is| "
        r"are) the reviews? (?:like|saying)|\b(?:read|show me|see|check) (?:the |some )?reviews?\b"
        rf"|\breviews? (?:of|for|on) {_ITEM}|\b(?:summari[sz]e|summary of|sum up)\b.{{0,15}}"
        r"\breviews?\b|\b(?:any|common|main|biggest|top) (?:complaints|issues|problems|praise)\b"
        r"|\bcomplain(?:ts|ing)? about\b|\b(?:how are|what are) the (?:reviews|ratings)\b"
        rf"|\bpros and cons\b|\bdo {_WHO} (?:like|love|hate|complain|say|mention|find)\b"
        r"|\b(?:1|one|5|five)[- ]star reviews\b|\b(?:general |overall )?(?:opinions?|verdict|"
        rf"consensus|feedback) (?:on|of|about)\b|\brated by\b|\bhow (?:is|are) {_ITEM} rated\b",
    ),
    (
        "compare",
        0.9,
        r"\bcompare\b|\bcomparison\b|\b(?:vs\.?|versus)\b|\bdifferences? between\b"
        rf"|\bhow (?:does|do) {_ITEM} compare\b|\bwhich (?:one |of (?:these|them|those|the "
        r"(?:two|three)|both)\s*)?(?:is|are|has|would|should|'s) (?:better|quieter|cheaper|"
        r"lighter|best|more|less|faster|bigger|smaller|easier|the best)\b|\bside by side\b"
        r"|\bhead to head\b|\bwhich (?:one )?should i (?:get|buy|choose|pick)\b"
        r"|\bbetter than the (?:other|first|second)\b|\bstacks? up\b",
    ),
    (
        "deals",
        0.9,
        r"\b(?:any|what|which|current|today'?s|best|good|latest|some|got any"
        r"|are there)\s+(?:\w+\s+)"
        r"{0,3}(?:deals?|discounts?|sales|promos?|promotions?|coupons?|bargains|markdowns)\b"
        r"|\bon sale\b|\bon offer\b|\bdiscounted\b|\bclearance\b|\bprice cuts?\b|\b(?:black friday"
        r"|cyber monday"
        r"|prime day)\b"
        r"|\b(?:deals?|discounts?|coupons?|promo codes?) (?:on|for)\b|\b\d+% off\b|\bmarked down\b",
    ),
    (
        "product_question",
        0.85,
        rf"\b(?:does|do|will|would|can|could|is|are) {_ITEM}\b.{{0,40}}\b(?:fit|fits|work with"
        r"|compatible|support|come with|include|hold|run on|charge|connect|waterproof|water "
        r"resistant|dishwasher safe|machine washable|washable|made of|made in|weigh)\b"
        r"|\bhow (?:big|heavy|long|wide|tall|loud|much does (?:it|this|that) weigh|many watts"
        r"|many speeds)\b|\bwhat(?:'s| is| are) (?:the|its|their) (?:max(?:imum)? )?(?:size"
        r"|dimensions|weight|"
        r"capacity|wattage|power|battery life|material|voltage|screen size|resolution"
        r"|noise level)\b"
        r"|\b(?:tell me (?:more )?about|what can you tell me about|(?:details|specs|more info"
        rf"(?:rmation)?) (?:on|of|for|about)|describe) {_ITEM}"
        r"|\bcompatible with\b|\bdimensions\b|\bdoes (?:it|this|that) (?:come|fit|work|have|"
        r"support)\b|\bwill (?:it|this|that|they) fit\b",
    ),
    (
        "search",
        0.85,
        r"^(?:(?:hi|hey|hello)[,!.]?\s+)?(?:i'?m |i am )?(?:looking for|searching for|shopping for"
        r"|in the market for)\b|\b(?:show|find|get|give) me\b|\b(?:recommend|suggest)\b"
        r"|\bi (?:need|want|would like|'?d like)\s+(?:a|an|some|new|to buy|to get)\b"
        r"|\bwhat(?:'s| is| are) (?:the |a |some )?(?:best|good|top)\b"
        r"|\b(?:something|anything|ones?|alternatives?|options?) (?:like|similar to) (?:this|that"
        r"|it)\b"
        r"|\bsimilar (?:products|items|ones)\b|\balternatives? (?:to|for)\b",
    ),
)
