package jgrad.cli.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a release held, file by file: {@code .jgrad/released.sha256}, in {@code sha256sum}'s format (so
 * {@code sha256sum -c .jgrad/released.sha256} works), written by {@code ./jgrad release} and rewritten by each
 * {@code ./jgrad update}. It is how update tells a notebook the student changed (its hash is not the one
 * released) from one they never touched. Beside it, {@code .jgrad/upstream} names where updates come from.
 */
public final class Manifest {

    /** The manifest's place in a students' repository. */
    public static final String FILE = ".jgrad/released.sha256";
    /** Where the course's updates come from (a git URL or a folder), one line; absent when not given. */
    public static final String UPSTREAM = ".jgrad/upstream";

    private Manifest() {
    }

    /** @return every file of the tree (relative path with '/' → SHA-256), without .git/, target/ and the records */
    public static Map<String, String> of(Path tree) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = tree.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith(".git/") && !relative.startsWith("target/")
                        && !relative.equals(FILE) && !relative.equals(UPSTREAM)) {
                    hashes.put(relative, sha256(file));
                }
            }
        }
        return hashes;
    }

    /** @return the manifest's text: one {@code HASH  PATH} line per file, sorted by path */
    public static String text(Map<String, String> hashes) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(hashes).forEach((path, hash) -> text.append(hash).append("  ").append(path).append('\n'));
        return text.toString();
    }

    /** @return the manifest recorded in a repository, if there is one */
    public static Optional<Map<String, String>> read(Path repo) throws IOException {
        Path file = repo.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int gap = line.indexOf("  ");
            if (gap == 64) {
                hashes.put(line.substring(gap + 2), line.substring(0, gap));
            }
        }
        return Optional.of(hashes);
    }

    /** @return the hex SHA-256 of a file's bytes */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** @return the hex SHA-256 of some bytes */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** @return the SHA-256 of a file, or null when it does not exist */
    static String sha256OrNull(Path file) {
        try {
            return Files.isRegularFile(file) ? sha256(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
