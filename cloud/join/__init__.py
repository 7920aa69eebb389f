"""The customer's own pages: the public join page (/j/<code>) and her card page (/c/<secret>)."""
