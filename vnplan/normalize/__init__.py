"""Stage 2: pages -> one budget table -> rows -> programme items."""

# Rows whose confidence falls below this get a low-confidence finding (``--min-confidence``). Kept
# here, free of imports, so that the command line can show the default without loading the stage.
DEFAULT_MIN_CONFIDENCE = 0.7
