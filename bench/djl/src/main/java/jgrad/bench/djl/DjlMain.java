package jgrad.bench.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import jgrad.bench.Main;
import jgrad.bench.TensorWorkloads;
import jgrad.nn.Functional;
import jgrad.tensor.Tensor;

/**
 * The benchmark workloads on DJL 0.36's PyTorch engine (libtorch 2.7.1, CPU, float64), printing the
 * same lines as {@code ./jgrad bench} ({@link Main}) and bench/pytorch_reference.py.
 *
 * <pre>
 * ./mvnw -Pdjl -pl bench/djl -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
 * java -cp bench/djl/target/jgrad-bench-djl-0.1.0-SNAPSHOT.jar:$(cat bench/djl/target/classpath.txt) \
 *     jgrad.bench.djl.DjlMain [--check | --cell | --list] [NAME...]
 * </pre>
 *
 * <p>{@code --check} compares DJL's results with jgrad's on the same data and parameters (losses step by
 * step, products, convolution gradients) and fails if they differ beyond rounding.
 *
 * <p>libtorch comes from the pytorch-native-cpu jar on the class path, nothing is downloaded
 * ({@code ai.djl.offline=true}); it uses two intra-op threads (the machine's two cores) and one inter-op
 * thread. Its OpenMP workers spin while waiting unless {@code OMP_WAIT_POLICY=PASSIVE}, which must be in
 * the environment before the process starts: without it, DjlMain starts itself again with it.
 */
public final class DjlMain {

    private DjlMain() {
    }

    public static void main(String[] args) throws Exception {
        if (!"PASSIVE".equals(System.getenv("OMP_WAIT_POLICY"))) {
            System.exit(Main.relaunch(List.of(), Map.of("OMP_WAIT_POLICY", "PASSIVE"), DjlMain.class, args));
        }
        configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            DjlWorkloads djl = new DjlWorkloads(manager);
            if (args.length > 0 && args[0].equals("--check")) {
                System.exit(check(djl) ? 0 : 1);
            }
            System.exit(Main.run(djl.all(), args, DjlMain.class));
        }
    }

    /** Offline libtorch 2.7.1 (CPU) from the class path, two intra-op threads; before the engine loads. */
    static void configure() {
        setDefault("ai.djl.offline", "true");
        setDefault("PYTORCH_VERSION", "2.7.1");
        setDefault("PYTORCH_FLAVOR", "cpu");
        setDefault("ai.djl.pytorch.num_threads", "2");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.default_engine", "PyTorch");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** DJL against jgrad on every workload; prints one line each and returns whether all agree. */
    static boolean check(DjlWorkloads djl) {
        System.out.println("engine " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        boolean ok = true;
        ok &= compare("xor", djl.xor(5000), TensorWorkloads.xorTrain(TensorWorkloads.xorModel(), 5000), 1e-9);
        java.util.Random rng = new java.util.Random(0);
        ok &= compare("iris", djl.iris(100), TensorWorkloads.irisTrain(TensorWorkloads.irisModel(rng), rng, 100), 1e-9);
        ok &= compare("tinycnn", djl.tinyCnn(100), TensorWorkloads.tinyCnnTrain(TensorWorkloads.tinyCnnModel(), 100), 1e-9);
        for (int n : new int[] {256, 512, 1024}) {
            Tensor[] ab = TensorWorkloads.matmulInputs(n);
            ok &= close("matmul" + n, djl.product(n), ab[0].matmul(ab[1]).data(), 1e-10);
        }
        Tensor[] xwb = TensorWorkloads.conv2dInputs();
        Tensor sum = Functional.conv2d(xwb[0], xwb[1], xwb[2], 1, 1).sum();
        sum.backward();
        double[][] d = djl.convCheck();
        ok &= close("conv2d sum", d[3], new double[] {sum.item()}, 1e-10);
        for (int i = 0; i < 3; i++) {
            ok &= close("conv2d grad " + "xwb".charAt(i), d[i], xwb[i].grad().data(), 1e-10);
        }
        System.out.println(ok ? "check: DJL and jgrad agree" : "check: DJL and jgrad DIFFER");
        return ok;
    }

    /**
     * Losses step by step: equal up to {@code tol} (relative), and going down: the mean of the last ten steps
     * below that of the first ten (one epoch of iris; single minibatch losses go up and down).
     */
    private static boolean compare(String name, double[] djl, double[] jgrad, double tol) {
        boolean same = close(name + " losses", djl, jgrad, tol);
        double first = mean(djl, 0), last = mean(djl, djl.length - 10);
        boolean down = last < first;
        System.out.printf(Locale.ROOT, "  %s: mean loss of the first ten steps %.6f, of the last ten %.6f (jgrad %.6f, %.6f)%s%n",
                name, first, last, mean(jgrad, 0), mean(jgrad, jgrad.length - 10), down ? "" : "  NOT DECREASING");
        return same && down;
    }

    private static double mean(double[] x, int from) {
        double s = 0;
        for (int i = from; i < from + 10; i++) {
            s += x[i];
        }
        return s / 10;
    }

    private static boolean close(String name, double[] a, double[] b, double tol) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        boolean ok = a.length == b.length && worst <= tol;
        System.out.printf(Locale.ROOT, "%-22s %s  largest relative difference %.2e%s%n", name, ok ? "ok  " : "FAIL", worst,
                at >= 0 ? " (entry " + at + ")" : "");
        return ok;
    }
}
