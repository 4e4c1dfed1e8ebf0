"""Text-layer fidelity: how exactly vnplan reads the words of born-digital PDFs (see README.md)."""
