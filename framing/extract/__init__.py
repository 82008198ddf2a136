"""Per-document extractors: what one article holds, before any aggregation.

Each reads parsed documents (:mod:`framing.text`) and lexicons (:mod:`framing.lexicons`),
never the analyses: quotations and attributions with their speakers
(:mod:`~framing.extract.quote_extraction`, :mod:`~framing.extract.attribution`,
:mod:`~framing.extract.speaker_resolution`), scare quotes (:mod:`~framing.extract.scare_quotes`),
quantities (:mod:`~framing.extract.quantities`), actor mentions and the tone about them
(:mod:`~framing.extract.actor_lexicon`, :mod:`~framing.extract.actor_tone`) and naming-variant
candidates (:mod:`~framing.extract.discovery`). The analyzers in :mod:`framing.analyses`
aggregate what they find per event and outlet.
"""
