"""Storage: what the bot keeps (candidates, questions, forwards, states, recruiters, FAQ), behind one interface.

Each backend is one module of this package; no module outside it imports a database driver.
"""
