"""Text pipeline: Unicode normalisation, sentences and word tokens with character offsets.

Nothing here downloads anything. Sentences are split by a rule-based splitter that
knows abbreviations ("U.S.", "Mr.", "Gen."), initials ("J. Smith"), closing quotes and
brackets after the final stop, and line breaks (paragraphs and headlines without a full
stop); ``splitter="punkt"`` uses NLTK's Punkt instead, given the same abbreviation list
(no download).

Every token and sentence keeps offsets into the *original* text, so every finding can
point back to the characters it came from. Matching uses a normalised form of each
token (:func:`fold`): NFKC, case folded, accents removed, curly apostrophes and dashes
made plain, invisible characters removed, so "Kyïv", "KYIV" and "Kyiv" compare equal.

One implementation, in named steps: :mod:`~framing.text.normalize` (:func:`fold`),
:mod:`~framing.text.tokens` (the token grammar, one ``re.split`` per text),
:mod:`~framing.text.sentences` (the sentence rules, one regex scan per text) and
:mod:`~framing.text.document` (:class:`Document`, :func:`parse`; documents parsed together
share one block of flat arrays and store token ids into a :class:`Lexicon`, see
:mod:`~framing.text.lexicon`). The readable statement
of the same rules is the test oracle, ``tests/_reference_text.py``. Quotation marks are
those of :mod:`framing.quotemarks`.
"""

from __future__ import annotations

from .document import Document, ParsedTexts, SentenceSplitter, parse, parse_many, split_sentences, tokenize_many
from .lexicon import Lexicon
from .normalize import INVISIBLE, fold
from .sentences import ABBREVIATIONS, ENDERS, TITLES, split_sentences_punkt
from .tokens import TOKEN_PATTERN, Tokens, tokenize

__all__ = [
    "ABBREVIATIONS",
    "ENDERS",
    "INVISIBLE",
    "TITLES",
    "TOKEN_PATTERN",
    "Document",
    "Lexicon",
    "ParsedTexts",
    "SentenceSplitter",
    "Tokens",
    "fold",
    "parse",
    "parse_many",
    "split_sentences",
    "split_sentences_punkt",
    "tokenize",
    "tokenize_many",
]
