import os
import sys

# the package is used from the checkout, as a notebook beside it would (no install step)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
