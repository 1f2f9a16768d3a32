package io.ottpulse.stats;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this instance together: one LRU block cache shared by all
 * stores, with the memtables charged to it through a write-buffer manager (Kafka Streams' memory-management recipe).
 * The bound comes from {@link #MEMORY_BYTES_CONFIG}.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** Streams property carrying the bound, set from {@code rocksdb.memoryMb}. */
    public static final String MEMORY_BYTES_CONFIG = "ottpulse.rocksdb.memory.bytes";
    private static final double MEMTABLE_SHARE = 0.25;
    private static final long BLOCK_SIZE = 16 * 1024;
    /**
     * A memtable takes its memory in blocks of this size. RocksDB's default (1 MiB for Streams' 16 MiB memtables) is
     * charged to the shared budget as soon as a store is written; with ~50 stores (every store of every partition,
     * one per window segment) the empty memtables alone exceed the budget, so every write flushed its memtable: tiny
     * SST files by the thousand and compaction using most of the instance's CPU.
     */
    private static final long ARENA_BLOCK_SIZE = 64 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES_CONFIG)));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(bytes));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(writeBuffers);
        options.setArenaBlockSize(ARENA_BLOCK_SIZE);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache shared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store of the instance: never closed per store.
    }
}
