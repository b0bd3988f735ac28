"""rolscore: score annual rule-of-law government reports against a checklist of required elements."""

__version__ = "0.1.0"
