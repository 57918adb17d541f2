"""How sure we are that a candidate is the work: names and scripts, versions and takes,
the words stores add, re-recordings, same-named albums, what agrees between query and
candidate, the broad pass's forgiveness, what a confidence means, the choice among
candidates, YouTube's results."""
