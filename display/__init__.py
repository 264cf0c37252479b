"""The calling display in the waiting room: the screen, the chime and the voice."""
