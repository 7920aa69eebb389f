"""Small reusable widgets: stamp strip, big buttons, the result panel, the QR view."""
