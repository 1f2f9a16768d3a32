package io.ottpulse.gateway.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects Netty's leak reports while open. Netty reports a leaked buffer once the garbage collector has found it and
 * a later buffer is tracked, so a test collects garbage and sends again before reading {@link #messages()}.
 */
public final class LeakReports implements AutoCloseable {

    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private final Logger detectorLogger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    private LeakReports() {
        reports.start();
        detectorLogger.addAppender(reports);
    }

    public static LeakReports watch() {
        return new LeakReports();
    }

    public List<String> messages() {
        return reports.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        detectorLogger.detachAppender(reports);
        reports.stop();
    }
}
