package jgrad.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The two file operations the whole project shares: writing a file whole or not at all, and deleting a
 * folder tree. Notebooks, charts, grade reports and kernelspecs are written with {@link #writeAtomically}
 * so that a reader (Jupyter, a browser, the next command) never sees half a file.
 */
public final class SafeFiles {

    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private SafeFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target}, creating its parent folders: first into a temporary file beside
     * the target, then renamed over it, so the target holds either its old content or all of the new.
     *
     * @throws IOException naming the target when the folder cannot be created or the file cannot be written
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #writeAtomically(Path, byte[])} for UTF-8 text. */
    public static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes {@code root} and everything under it; nothing happens when it does not exist. Symbolic links are
     * deleted, never followed, so nothing outside {@code root} is touched. Read-only folders are made writable
     * first (the owner needs that to remove their entries). Any depth works: instead of descending (which
     * would need paths longer than the operating system allows, or one open folder per level), each
     * sub-folder is renamed up to the top of the tree and emptied from there, so every path used is short.
     *
     * @throws IOException naming the entry that could not be deleted
     */
    public static void deleteRecursively(Path root) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(root);
        if (attributes == null) {
            return;
        }
        if (!attributes.isDirectory()) {
            deleteEntry(root);
            return;
        }
        Deque<Path> pending = new ArrayDeque<>(); // folders directly inside root (or root itself), to empty
        pending.push(root);
        long[] counter = {0};
        while (!pending.isEmpty()) {
            Path dir = pending.peek();
            makeWritable(dir);
            List<Path> subfolders = emptyOfFiles(dir);
            if (subfolders.isEmpty()) {
                pending.pop();
                if (!dir.equals(root)) {
                    deleteEntry(dir);
                }
                continue;
            }
            for (Path sub : subfolders) {
                if (dir.equals(root)) {
                    pending.push(sub);
                } else {
                    makeWritable(sub); // moving a folder to another parent rewrites its ".." entry
                    pending.push(moveUp(sub, root, counter));
                }
            }
        }
        deleteEntry(root);
    }

    /** Deletes every entry of {@code dir} that is not a real folder (files and links); returns the folders. */
    private static List<Path> emptyOfFiles(Path dir) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes = attributesOrNull(entry);
                if (attributes == null) {
                    continue;
                }
                if (attributes.isDirectory()) {
                    folders.add(entry);
                } else {
                    deleteEntry(entry);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot delete the contents of " + dir + ": " + e, e);
        }
        return folders;
    }

    private static Path moveUp(Path folder, Path root, long[] counter) throws IOException {
        while (true) {
            Path target = root.resolve(".jgrad-deleting-" + counter[0]++);
            try {
                return Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // a name in use (a user's file of that name, or a left-over): try the next
            } catch (IOException e) {
                throw new IOException("cannot delete " + folder + " (moving it to " + target + " failed): " + e, e);
            }
        }
    }

    private static void deleteEntry(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            DosFileAttributeView dos = Files.getFileAttributeView(path, DosFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (dos == null) {
                throw new IOException("cannot delete " + path + ": " + e, e);
            }
            dos.setReadOnly(false); // Windows refuses to delete read-only files
            Files.deleteIfExists(path);
        }
    }

    private static void makeWritable(Path dir) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (!permissions.containsAll(OWNER_RWX)) {
            permissions.addAll(OWNER_RWX);
            posix.setPermissions(permissions);
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Copies the regular files of a tree that {@code keep} accepts, with the folders that hold them. Links are
     * not followed (a link to /etc/shadow, or out of the tree, copies nothing), so a tree someone else made
     * can be copied safely.
     *
     * @param keep which regular files to copy, given the file and its attributes (read without following links)
     */
    public static void copyTree(Path from, Path to, java.util.function.BiPredicate<Path, BasicFileAttributes> keep)
            throws IOException {
        Files.walkFileTree(from, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && keep.test(file, attrs)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
