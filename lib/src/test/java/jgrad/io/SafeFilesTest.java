package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writeAtomicallyCreatesFoldersReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("a/b/out.txt");
        SafeFiles.writeAtomically(file, "first");
        SafeFiles.writeAtomically(file, "second é");
        assertEquals("second é", Files.readString(file, StandardCharsets.UTF_8));
        SafeFiles.writeAtomically(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void deletingWhatDoesNotExistDoesNothing() throws IOException {
        SafeFiles.deleteRecursively(tmp.resolve("nothing"));
        assertTrue(Files.isDirectory(tmp));
    }

    @Test
    void deletesASingleFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        SafeFiles.deleteRecursively(file);
        assertFalse(Files.exists(file));
    }

    @Test
    void deletesReadOnlyFoldersAndFiles() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path root = tmp.resolve("root");
        Path inner = Files.createDirectories(root.resolve("a/b"));
        Files.writeString(inner.resolve("f.txt"), "x");
        Files.writeString(root.resolve("a/g.txt"), "y");
        Files.setPosixFilePermissions(inner.resolve("f.txt"), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(inner, PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(root.resolve("a"), PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-x------"));
        SafeFiles.deleteRecursively(root);
        assertFalse(Files.exists(root));
    }

    @Test
    void deletesATreeFiveThousandFoldersDeep() throws IOException {
        // Built with short paths only (the full path is ~10,000 characters, beyond what open() accepts):
        // each round moves the chain so far into a new folder.
        Path root = Files.createDirectory(tmp.resolve("deep"));
        Path chain = Files.createDirectory(root.resolve("d"));
        Files.writeString(chain.resolve("leaf.txt"), "bottom");
        for (int level = 1; level < 5_000; level++) {
            Path wrapper = Files.createDirectory(root.resolve("w"));
            Files.move(chain, wrapper.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(wrapper, chain, StandardCopyOption.ATOMIC_MOVE);
        }
        SafeFiles.deleteRecursively(root);
        assertFalse(Files.exists(root));
    }

    @Test
    void symbolicLinksAreDeletedNotFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside/keep"));
        Path kept = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path root = Files.createDirectories(tmp.resolve("root/sub"));
        try {
            Files.createSymbolicLink(root.resolve("link-to-folder"), outside);
            Files.createSymbolicLink(root.resolve("link-to-file"), kept);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        SafeFiles.deleteRecursively(tmp.resolve("root"));
        assertFalse(Files.exists(tmp.resolve("root")));
        assertEquals("keep me", Files.readString(kept));
    }

    @Test
    void aLinkGivenAsTheRootIsRemovedAndItsTargetKept() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Files.writeString(target.resolve("f.txt"), "x");
        Path link = tmp.resolve("link");
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        SafeFiles.deleteRecursively(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target.resolve("f.txt")));
    }
}
