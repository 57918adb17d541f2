"""How sure we are that a candidate is the work: names and scripts, versions and takes,
what agrees between query and candidate, the choice among candidates, YouTube's results."""
