"""The store: what a shopper can ask about, and the indexes that find it.

Products, offers, price history, reviews and community Q&A live in SQLite (default) or
PostgreSQL; the dense vector index lives in chromadb and the lexical index in bm25s,
both derived from the database and kept in step with it.
"""
