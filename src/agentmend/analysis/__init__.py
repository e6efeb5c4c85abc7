"""From conversations to a diagnosis: signals, embeddings, clusters, numbers, reports."""
