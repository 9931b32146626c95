package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/** The shapes and parameter counts of notebook 07. */
class SummaryTest {

    static Sequential cifar() {
        return new Sequential(
                new Conv2d(3, 32, 3), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
                new Conv2d(64, 64, 3));
    }

    @Test
    void cifarModel() {
        Summary s = cifar().summary(3, 32, 32);
        assertEquals(56_320, s.totalParams());
        assertArrayEquals(new int[] {64, 4, 4}, s.outputShape());
        List<Summary.Row> rows = s.rows();
        assertArrayEquals(new int[] {32, 30, 30}, rows.get(0).outputShape());
        assertEquals(896, rows.get(0).params());
        assertArrayEquals(new int[] {32, 15, 15}, rows.get(2).outputShape());
        assertEquals(18_496, rows.get(3).params());
        assertArrayEquals(new int[] {64, 6, 6}, rows.get(5).outputShape());
        assertEquals(36_928, rows.get(6).params());
        String table = s.toString();
        assertTrue(table.contains("Conv2d(3 -> 32, 3x3)") && table.contains("(N, 32, 30, 30)")
                && table.contains("Total params: 56,320"), table);
        assertTrue(s.toHtml().contains("<table") && s.toHtml().contains("56,320"));
    }

    @Test
    void summaryAgreesWithARealForwardPass() {
        Tensor y = cifar().forward(Tensor.zeros(2, 3, 32, 32));
        assertArrayEquals(new int[] {2, 64, 4, 4}, y.shape());
    }

    @Test
    void alexNetConvolutionsEndAt256x6x6() {
        Sequential alex = new Sequential(
                new Conv2d(3, 96, 11, 4, 0), new ReLU(), new MaxPool2d(3, 2),
                new Conv2d(96, 256, 5, 1, 2), new ReLU(), new MaxPool2d(3, 2),
                new Conv2d(256, 384, 3, 1, 1), new ReLU(),
                new Conv2d(384, 384, 3, 1, 1), new ReLU(),
                new Conv2d(384, 256, 3, 1, 1), new ReLU(), new MaxPool2d(3, 2),
                new Flatten());
        Summary s = alex.summary(3, 227, 227);
        assertArrayEquals(new int[] {96, 55, 55}, s.rows().get(0).outputShape());
        assertArrayEquals(new int[] {256, 6, 6}, s.rows().get(12).outputShape());
        assertArrayEquals(new int[] {9216}, s.outputShape());
        assertEquals(34_944 + 614_656 + 885_120 + 1_327_488 + 884_992, s.totalParams());
    }

    @Test
    void aBrokenModelNamesTheLayerThatDoesNotFit() {
        Sequential broken = cifar().add(new Flatten()).add(new Linear(1600, 10));
        String expected = "Sequential layer 8 (Linear(1600 -> 10)) got input of shape (2, 1024): Linear(1600 -> 10):"
                + " expected input of shape (N, 1600), got (2, 1024): the last dimension must equal the layer's input size (1600)";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> broken.forward(Tensor.zeros(2, 3, 32, 32)));
        assertEquals(expected, e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> broken.summary(3, 32, 32));
        assertTrue(s.getMessage().startsWith("Sequential layer 8 (Linear(1600 -> 10)) got input of shape (1024) per example"),
                s.getMessage());
    }

    @Test
    void aKernelLargerThanItsInputIsExplained() {
        Sequential tooDeep = new Sequential(new Conv2d(1, 4, 5), new MaxPool2d(2), new Conv2d(4, 4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tooDeep.forward(Tensor.zeros(1, 1, 12, 12)));
        assertEquals("Sequential layer 2 (Conv2d(4 -> 4, 5x5)) got input of shape (1, 4, 4, 4): conv2d: the 5x5 kernel"
                + " does not fit in the input 4x4 with padding 0 (input (1, 4, 4, 4)): the output size ⌊(n + 2p − k)/s⌋ + 1"
                + " must be at least 1", e.getMessage());
    }

    @Test
    void channelMismatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 8, 3).forward(Tensor.zeros(2, 3, 8, 8)));
        assertEquals("conv2d: input (2, 3, 8, 8) has 3 channels but the weight (8, 1, 3, 3) expects 1: the weight's second"
                + " dimension (in channels) must equal the input's second dimension (channels)", e.getMessage());
    }
}
