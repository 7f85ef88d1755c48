"""Small shared machinery: background tasks, the latest-request-wins runner, and the
span where two texts differ."""
