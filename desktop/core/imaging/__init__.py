"""Reading press images: safe decoding, content hashing, thumbnails and the parallel analysis pipeline.

Import from the submodules (decode, hashing, thumbnails, analyse, pipeline); this package imports
nothing itself so worker processes load only what they use.
"""
