"""Known values for SumReferenceTest (lib/src/test/java/jgrad/tensor/SumReferenceTest.java): np.sum of float64
arrays of lengths around numpy's pairwise blocks, computed once with numpy 2 and pasted there. The test never
runs Python. Element i is ((7919*i) % 1000 - 500) / 7 * 10**(i % 7): one correctly rounded division and one
exact product, so Java builds the same doubles, and magnitudes from 0.1 to 10**9 so that the order of the
additions shows in the last digits (an in-order sum from the first element differs for most lengths from 8 on).
numpy 1.x sums arrays longer than its 8,192-element buffer one buffer at a time: this needs numpy >= 2."""
import numpy as np

assert int(np.__version__.split(".")[0]) >= 2, "numpy 2 sums without buffering; this needs numpy >= 2"

LENGTHS = [1, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 130, 255, 256, 257, 1000, 1024, 4097, 9216, 65536, 100003]
POWERS = [1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0]


def values(n):
    return np.array([((7919 * i) % 1000 - 500) / 7.0 * POWERS[i % 7] for i in range(n)], dtype=np.float64)


print("    private static final int[] LENGTHS = {" + ", ".join(str(n) for n in LENGTHS) + "};")
print("    private static final double[] NUMPY_SUMS = {" + ", ".join(repr(float(np.sum(values(n)))) for n in LENGTHS) + "};")
