"""Review: findings (one small type every check shares) and the checks that make them.

`review.rating_claims.check_rating_claims(text_or_model, db)` compares what a column says
about each trust's CQC rating with the rating cache; the editor's underlines, the Problems
panel, the export gate and `columnist check` all read its `Finding`s.
"""
