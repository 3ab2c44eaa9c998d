"""shopgraph: a conversational shopping assistant that a retailer runs on its own catalog."""

__version__ = "0.1.0"
