"""The model seam: every model the graph talks to, by name, behind one small interface.

Generation and the planner's fallback ask the registry for a chat model by name; the
router (``graph.nodes.route``) decides which name. Adding a model is one ``register``.
"""

from graph.models.registry import ModelRegistry, ModelSpec, UnknownModelError, default_registry

__all__ = ["ModelRegistry", "ModelSpec", "UnknownModelError", "default_registry"]
