"""Reconstruct CJK newspaper issues from raw OCR text and export them to PDF and EPUB.

Stages, each a module with no knowledge of the ones after it:
raw text -> `ingest` -> `model.Issue` -> (+ `spec`) -> `typeset` -> `render.pdf` / `render.epub`.
"""
