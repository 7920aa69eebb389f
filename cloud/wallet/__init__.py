"""Apple Wallet passes: what a pass shows (holder), how it is packed and signed (pkpass), the owner's
pass certificate (credentials), and what the cloud keeps about passes and devices (store).

A pass belongs to a `PassHolder`: today one card (a customer in one offer), later a member with
all her programs. Only `store.holder_for` knows where a holder comes from, so the move to
members changes that one function and nothing that builds, signs or serves passes.
"""
