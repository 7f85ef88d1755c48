"""Small shared machinery: background tasks and the latest-request-wins runner."""
