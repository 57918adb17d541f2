"""The domain of recindex: recommendations, their index, their links, the queue."""
