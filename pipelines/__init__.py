"""Item pipelines: one stage of content judgement per module, in ITEM_PIPELINES order."""
