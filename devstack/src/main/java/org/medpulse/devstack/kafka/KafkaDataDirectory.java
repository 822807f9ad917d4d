package org.medpulse.devstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.MetaPropertiesVersion;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * The broker's data directory: log segments, the KRaft metadata log and {@code meta.properties},
 * which records the cluster id the directory belongs to. Formatted once, on first use; from then
 * on its cluster id is the cluster's identity, so a restart finds the same cluster and data.
 *
 * <p>An open directory holds a lock of its own until closed. Kafka's {@code .lock} is not enough:
 * it is taken only once the broker part starts, after the controller has opened the metadata log,
 * so a second broker on the same directory would write into the first one's metadata log and
 * crash it.
 */
final class KafkaDataDirectory implements AutoCloseable {

    static final String LOCK_FILE = "medpulse-broker.lock";

    private final Path path;
    private FileChannel lockChannel;
    private FileLock lock;
    private String clusterId;

    private KafkaDataDirectory(Path path) {
        this.path = path;
    }

    /**
     * Locks {@code path} for a broker with id {@link SingleNodeConfig#NODE_ID}, formatting it if it
     * has never been used. {@link #clusterId()} is then the cluster it belongs to.
     *
     * @param expectedClusterId the id to format with, and to insist on if already formatted; a new
     *                          random id when empty and the directory is new
     */
    static KafkaDataDirectory open(Path path, Optional<String> expectedClusterId) {
        KafkaDataDirectory directory = new KafkaDataDirectory(path);
        directory.createWritable();
        directory.requireKafkaDataOrNothing();
        directory.lock();
        try {
            Optional<MetaProperties> existing = directory.readMetaProperties();
            if (existing.isPresent()) {
                directory.clusterId = directory.checkBelongsHere(existing.get(), expectedClusterId);
            } else {
                directory.clusterId = expectedClusterId.orElseGet(() -> Uuid.randomUuid().toString());
                directory.format(directory.clusterId);
            }
            return directory;
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    String clusterId() {
        return clusterId;
    }

    /** Releases the lock; call once the broker has stopped. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the lock on " + path.resolve(LOCK_FILE), e);
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    private void lock() {
        Path lockFile = path.resolve(LOCK_FILE);
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        } catch (IOException e) {
            close();
            throw new ServerStartException("Cannot lock data directory " + path + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            close();
            throw new ServerStartException("Data directory " + path
                    + " is in use by another Kafka broker (is a medpulse stack already running on it?)");
        }
    }

    private void createWritable() {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new ServerStartException("Data directory " + path + " is a file, not a directory");
        }
        try {
            Files.createDirectories(path);
        } catch (FileAlreadyExistsException e) {
            throw new ServerStartException("Cannot create data directory " + path + ": "
                    + e.getFile() + " is a file, not a directory", e);
        } catch (AccessDeniedException e) {
            throw new ServerStartException("Cannot create data directory " + path + ": permission denied on "
                    + e.getFile(), e);
        } catch (IOException e) {
            throw new ServerStartException("Cannot create data directory " + path + ": " + e, e);
        }
        if (!Files.isWritable(path)) {
            throw new ServerStartException("Data directory " + path + " is not writable");
        }
    }

    private Optional<MetaProperties> readMetaProperties() {
        MetaPropertiesEnsemble ensemble;
        try {
            ensemble = new MetaPropertiesEnsemble.Loader().addLogDirs(List.of(path.toString())).load();
        } catch (IOException e) {
            throw new ServerStartException("Cannot read " + metaPropertiesFile() + ": " + e.getMessage(), e);
        }
        if (!ensemble.errorLogDirs().isEmpty()) {
            throw new ServerStartException("Cannot read " + metaPropertiesFile()
                    + " (damaged or unreadable); move the data directory away to start afresh");
        }
        return Optional.ofNullable(ensemble.logDirProps().get(path.toString()));
    }

    private String checkBelongsHere(MetaProperties meta, Optional<String> expectedClusterId) {
        if (meta.version() != MetaPropertiesVersion.V1 || meta.clusterId().isEmpty()) {
            throw new ServerStartException("Data directory " + path
                    + " was written by a ZooKeeper-based Kafka, which this KRaft broker cannot use");
        }
        String clusterId = meta.clusterId().get();
        if (expectedClusterId.isPresent() && !expectedClusterId.get().equals(clusterId)) {
            throw new ServerStartException("Data directory " + path + " belongs to Kafka cluster "
                    + clusterId + ", not " + expectedClusterId.get()
                    + "; use another directory or remove this one to start afresh");
        }
        if (meta.nodeId().isPresent() && meta.nodeId().getAsInt() != SingleNodeConfig.NODE_ID) {
            throw new ServerStartException("Data directory " + path + " belongs to node "
                    + meta.nodeId().getAsInt() + " of Kafka cluster " + clusterId
                    + ", not to a single-node cluster (node " + SingleNodeConfig.NODE_ID + ")");
        }
        return clusterId;
    }

    /** Refuses to turn a directory already used for something else (a home folder...) into a log dir. */
    private void requireKafkaDataOrNothing() {
        if (Files.exists(metaPropertiesFile())) {
            return;
        }
        try (Stream<Path> entries = Files.list(path)) {
            Optional<Path> stranger = entries.filter(entry -> !entry.getFileName().toString().equals(LOCK_FILE))
                    .findFirst();
            if (stranger.isPresent()) {
                throw new ServerStartException("Data directory " + path + " holds other files ("
                        + stranger.get().getFileName() + ") but no Kafka data; use a new or empty directory");
            }
        } catch (IOException e) {
            throw new ServerStartException("Cannot list data directory " + path + ": " + e, e);
        }
    }

    private void format(String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream formatterOutput = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(formatterOutput)
                    .setNodeId(SingleNodeConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(path.toString()))
                    .setMetadataLogDirectory(path.toString())
                    .setControllerListenerName(SingleNodeConfig.CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new ServerStartException("Cannot format data directory " + path + ": " + e.getMessage()
                    + formatterSaid(output), e);
        }
    }

    private static String formatterSaid(ByteArrayOutputStream output) {
        String said = output.toString(StandardCharsets.UTF_8).strip();
        return said.isEmpty() ? "" : " (" + said.replace(System.lineSeparator(), " ") + ")";
    }

    private Path metaPropertiesFile() {
        return path.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
    }
}
