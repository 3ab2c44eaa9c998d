"""Follow-up suggestions: at most three, grounded in what the store has, not what was covered."""

from __future__ import annotations

from graph.evidence import Evidence
from graph.plan import Plan
from graph.suggestions import short_name, suggest_followups
from store.views import ProductSummary, Question


def summary(
    pid: str, title: str, *, reviews: int = 10, price: float | None = 99.0
) -> ProductSummary:
    return ProductSummary(
        id=pid,
        title=title,
        brand="Acme",
        category="Kitchen > Blenders",
        price=price,
        currency="USD",
        rating=4.5 if reviews else None,
        rating_count=reviews,
        in_stock=True,
    )


def plan(intent: str, **fields: object) -> Plan:
    return Plan.model_validate(
        {"intent": intent, "confidence": 0.9, "decided_by": "rules", "query": "", **fields}
    )


def test_a_search_suggests_comparing_reviews_and_history() -> None:
    evidence = Evidence(
        products=[summary("A", "Acme Quiet Blender, 600 W"), summary("B", "Acme Max")]
    )
    questions = suggest_followups(plan("search"), evidence)
    assert questions == [
        "Compare the first two",
        "What do customers say about the Acme Quiet Blender?",
        "Has the Acme Quiet Blender been cheaper recently?",
    ]


def test_what_the_answer_covered_is_not_suggested() -> None:
    evidence = Evidence(products=[summary("A", "Acme Quiet Blender"), summary("B", "Acme Max")])
    questions = suggest_followups(plan("compare"), evidence)
    assert "Compare the first two" not in questions
    assert "Add the better rated one to my cart" in questions


def test_only_answerable_questions_are_suggested() -> None:
    evidence = Evidence(products=[summary("A", "Acme Blender", reviews=0, price=None)])
    questions = suggest_followups(plan("search"), evidence)
    assert not any("customers say" in q or "cheaper" in q or "drops" in q for q in questions)


def test_community_questions_become_suggestions() -> None:
    asked = Question(
        id="Q1", product_id="A", question="Can it crush ice?", answers=[{"text": "Yes"}], votes=3
    )
    evidence = Evidence(products=[summary("A", "Acme Blender")], questions={"A": [asked]})
    assert "Can it crush ice?" in suggest_followups(plan("review_summary"), evidence)


def test_a_community_question_with_a_link_or_price_is_not_suggested() -> None:
    for text in ("Cheaper at cheap-deals.example?", "Is $1 the final price?", "Is it <b>ok</b>?"):
        asked = Question(id="Q1", product_id="A", question=text, answers=[{"text": "Yes"}], votes=3)
        evidence = Evidence(products=[summary("A", "Acme Blender")], questions={"A": [asked]})
        assert text not in suggest_followups(plan("review_summary"), evidence)


def test_nothing_is_suggested_for_refusals_or_unresolved_references() -> None:
    assert suggest_followups(plan("out_of_scope"), Evidence()) == []
    evidence = Evidence(products=[summary("A", "Acme Blender")])
    assert suggest_followups(plan("product_question", unresolved="the Sony"), evidence) == []


def test_short_names_drop_the_spec_tail() -> None:
    assert (
        short_name(summary("A", "Tidybot Map+ Robot Vacuum, 2600Pa, 90 Min"))
        == "Tidybot Map+ Robot Vacuum"
    )
