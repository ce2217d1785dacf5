package dev.carecall.bench.console;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.stream.IntStream;

/**
 * Bytes this process's glibc malloc has handed out and not got back ({@code mallinfo2}: in-use chunks plus mmapped
 * blocks): native objects that were never freed show here, while VmRSS also moves with arena caching and the JVM.
 */
final class NativeMemory {
    private static final MethodHandle MALLINFO2;
    private static final StructLayout INFO = MemoryLayout.structLayout(IntStream.range(0, 10)
            .mapToObj(i -> ValueLayout.JAVA_LONG.withName("f" + i)).toArray(MemoryLayout[]::new));

    static {
        Linker linker = Linker.nativeLinker();
        MALLINFO2 = linker.downcallHandle(linker.defaultLookup().find("mallinfo2").orElseThrow(),
                FunctionDescriptor.of(INFO));
    }

    private NativeMemory() {
    }

    static long mallocInUseBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = (MemorySegment) MALLINFO2.invokeExact((SegmentAllocator) arena);
            long mmapped = result.get(ValueLayout.JAVA_LONG, 4 * 8); // hblkhd
            long inUse = result.get(ValueLayout.JAVA_LONG, 7 * 8);   // uordblks
            return inUse + mmapped;
        } catch (Throwable e) {
            throw new IllegalStateException("mallinfo2 failed", e);
        }
    }
}
