"""rolscore: score annual rule-of-law government reports against a checklist of required elements.

The Python API returns what the command line renders: `score_text(text)` and `score_file(path)`
give an `Analysis` (its `to_dict()` is the object `rolscore score --format json` prints), scored
against the checklist of the report's year unless `checklist=` names one (a built-in name, a file,
or what `load_checklist` returned). `score_file(path, limits=Limits(...))` reads a file within
other limits than the defaults (README, "Limits").
"""

__version__ = "0.1.0"

from scorer.checklist import load_checklist  # noqa: E402 - after __version__, which the CLI imports
from scorer.limits import Limits  # noqa: E402
from scorer.pipeline import score_file, score_text  # noqa: E402

__all__ = ["Limits", "__version__", "load_checklist", "score_file", "score_text"]
