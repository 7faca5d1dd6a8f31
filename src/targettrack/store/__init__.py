"""The store on disk and everything that keeps it whole: reading and
writing it (readwrite, the only module that opens it), its line-by-line
format (fileformat), the lock (lock), atomic replacement (atomicwrite), kept
versions for undo (versions), doctor, sharing through git (gitshare, merge,
settling) and a change as a reviewer reads it (diff).

Imports util/, model/ and store/; never render/ or cli/.
"""
