"""One screen per module; each redraws only from the outcome values its own store requests answer."""
