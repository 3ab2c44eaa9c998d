"""The graph's nodes, one module each; ``graph.graph`` wires them together."""
