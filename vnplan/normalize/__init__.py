"""Stage 2: pages -> one budget table -> rows -> programme items."""
