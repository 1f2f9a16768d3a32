package io.ottpulse.stats.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsJson;
import io.ottpulse.stats.StatsService;
import io.ottpulse.stats.api.Answers;
import io.ottpulse.stats.api.ChannelViewers;
import io.ottpulse.stats.platform.Alert;
import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.KafkaBroker;
import io.ottpulse.testkit.ProjectPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;

/**
 * The live dashboard in a real browser (Debian's headless Chromium) against a stats instance on a real broker: it
 * shows the channel load and platform total the topic gives, follows new events in place without a reload, and draws
 * alerts by kind and state.
 */
class DashboardBrowserTest {

    private static final String TOPIC = "ott.activity";
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Pattern WIDTH = Pattern.compile("width: ([0-9.]+%)");
    private static final String CLOCK = "\\d{2}:\\d{2}:\\d{2}";

    /** What the test started, closed last-first after the tests. */
    private static final Deque<AutoCloseable> started = new ArrayDeque<>();

    @TempDir
    static Path tmp;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static KafkaProducer<String, byte[]> producer;
    private static String dashboardUrl;
    private static int eventsSent;

    @BeforeAll
    static void start() throws Exception {
        chromium = opened(HeadlessChromium.start(tmp.resolve("chromium-profile")));
        browser = chromium.driver();
        KafkaBroker broker = opened(KafkaBroker.start());
        broker.createTopics(3, TOPIC);
        int port = FreePorts.pick();
        opened(StatsService.start(StatsConfig.parse("""
                {"bootstrapServers":"%s","inputTopic":"%s","stateDir":"%s",
                 "server":{"host":"127.0.0.1","port":%d},"streams":{"commit.interval.ms":"100"}}
                """.formatted(broker.bootstrapServers(), TOPIC, tmp.resolve("state"), port))));
        producer = opened(new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()));
        dashboardUrl = "http://127.0.0.1:" + port + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        Exception failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void showsChannelLoadAndTotalThenFollowsNewEventsInPlace() throws Exception {
        switchTo("ch-1", "u1", "u2", "u3", "u4", "u5");
        switchTo("ch-2", "u6", "u7", "u8");
        switchTo("ch-3", "u9", "u10");
        browser.get(dashboardUrl);

        awaitPage("10", "ch-1=5 100%", "ch-2=3 60%", "ch-3=2 40%");
        assertThat(text("#channel-count")).isEqualTo("3");
        assertThat(rows("#top")).containsExactly("ch-1=5 50%", "ch-2=3 30%", "ch-3=2 20%");
        assertThat(attribute("#status", "data-state")).isEqualTo("live");
        assertThat(text("#status")).isEqualTo("Live");
        assertThat(text("#updated")).matches(CLOCK);
        assertThat(browser.findElements(By.cssSelector("#alerts [data-alert]"))).isEmpty();
        assertThat(browser.findElement(By.id("no-alerts")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#channels .fill")).getCssValue("transition-property"))
                .as("bars glide to their new width").isEqualTo("width");

        WebElement ch1 = browser.findElement(By.cssSelector("#channels [data-channel='ch-1']"));
        js("window.pageMark = 'loaded once'");
        switchTo("ch-3", "u1", "u2");
        switchTo("ch-4", "u6");
        switchTo("ch-2", "u11", "u12");
        send("u10", EventType.STOP, null);

        awaitPage("11", "ch-2=4 100%", "ch-1=3 75%", "ch-3=3 75%", "ch-4=1 25%");
        // The element found before the update is still in the page and shows the new count: updated, not re-created.
        assertThat(ch1.findElement(By.className("viewers")).getText()).isEqualTo("3");
        assertThat(js("return window.pageMark")).isEqualTo("loaded once");
        assertThat(text("#channel-count")).isEqualTo("4");
        assertThat(rows("#top")).containsExactly("ch-2=4 36%", "ch-1=3 27%", "ch-3=3 27%", "ch-4=1 9%");
        assertThat(attribute("#trend .trend-line", "points").split(" ")).as("one trend point per snapshot seen")
                .hasSizeGreaterThanOrEqualTo(2);
        chromium.screenshot(ProjectPaths.home().resolve("stats-topology/target/dashboard-live.png"));
    }

    @Test
    void drawsAlertsByKindAndStateAndSummarisesChannelsBeyondTheBars() throws Exception {
        browser.get(dashboardUrl);
        await().atMost(PATIENCE).until(() -> "object".equals(js("return typeof window.ottPulse")));
        long now = System.currentTimeMillis();
        List<ChannelViewers> channels = new ArrayList<>();
        for (int i = 1; i <= 35; i++) {
            channels.add(new ChannelViewers("ch-%02d".formatted(i), 10L * (36 - i)));
        }
        List<Alert> newestFirst = List.of(
                new Alert("ch-08", "zapping", "active", 12, 48, 6_300, 6_250, now - 60_000, null),
                new Alert("ch-09", "outage", "resolved", 5, 30, 5_000, 6_000, now - 90_000, now - 30_000),
                new Alert("ch-07", "outage", "active", 4, 40, 4_200, 6_000, now - 120_000, null));
        Answers.Snapshot snapshot = new Answers.Snapshot(now, 6_300, channels, channels.subList(0, 10), newestFirst);

        js("ottPulse.disconnect(); ottPulse.render(JSON.parse(arguments[0]))", StatsJson.write(snapshot));

        assertThat(text("#total")).isEqualTo("6,300");
        assertThat(text("#status")).isEqualTo("Stopped");
        assertThat(rows("#channels")).hasSize(30).startsWith("ch-01=350 100%").endsWith("ch-30=60 17.1%");
        assertThat(text("#channels-rest")).isEqualTo("and 5 more channels with 150 viewers");
        assertThat(rows("#top")).hasSize(10).startsWith("ch-01=350 6%");

        List<WebElement> alerts = browser.findElements(By.cssSelector("#alerts [data-alert]"));
        assertThat(alerts).extracting(a -> a.getDomAttribute("data-alert") + " " + a.getDomAttribute("data-kind")
                + " " + a.getDomAttribute("data-state"))
                .containsExactly("ch-08 zapping active", "ch-07 outage active", "ch-09 outage resolved");
        assertThat(alerts).extracting(a -> a.findElement(By.className("drop")).getText()).containsExactly(
                "Viewers 12 vs baseline 48 (\u221275%)",
                "Viewers 4 vs baseline 40 (\u221290%)",
                "Viewers 5 vs baseline 30 (\u221283%)");
        assertThat(alerts.get(1).findElement(By.className("platform")).getText())
                .isEqualTo("Platform 4,200 vs baseline 6,000 (\u221230%)");
        assertThat(alerts.get(0).findElement(By.className("when")).getText()).matches("since " + CLOCK);
        assertThat(alerts.get(2).findElement(By.className("when")).getText()).matches(CLOCK + " to " + CLOCK);
        // Active outages red, active zapping amber, resolved grey (the colours of dashboard.css).
        assertThat(alerts).extracting(a -> Color.fromString(a.getCssValue("border-left-color")).asHex())
                .containsExactly("#ffbe3d", "#ff7a7a", "#a3b3c4");
        assertThat(text("#active-alerts")).isEqualTo("2 active");
        assertThat(browser.findElement(By.id("no-alerts")).isDisplayed()).isFalse();
        chromium.screenshot(ProjectPaths.home().resolve("stats-topology/target/dashboard-alerts.png"));
    }

    /** Waits until the page shows this total and exactly these channel bars ("channel=viewers width"). */
    private static void awaitPage(String total, String... bars) {
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            assertThat(text("#total")).isEqualTo(total);
            assertThat(rows("#channels")).containsExactly(bars);
        });
    }

    /** The rows of a channel list as "channel=viewers width" (bars) or "channel=viewers share" (top channels). */
    private static List<String> rows(String list) {
        return browser.findElements(By.cssSelector(list + " [data-channel]")).stream().map(row -> {
            String viewers = row.findElement(By.className("viewers")).getText();
            List<WebElement> fill = row.findElements(By.className("fill"));
            String size = fill.isEmpty() ? row.findElement(By.className("share")).getText()
                    : width(fill.get(0).getDomAttribute("style"));
            return row.getDomAttribute("data-channel") + "=" + viewers + " " + size;
        }).toList();
    }

    private static String width(String style) {
        Matcher width = WIDTH.matcher(style == null ? "" : style);
        return width.find() ? width.group(1) : "no width";
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static String attribute(String css, String name) {
        return browser.findElement(By.cssSelector(css)).getDomAttribute(name);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void switchTo(String channelId, String... userIds) throws Exception {
        for (String userId : userIds) {
            send(userId, EventType.CHANNEL_SWITCH, channelId);
        }
    }

    private static void send(String userId, EventType type, String channelId) throws Exception {
        ActivityEvent event = new ActivityEvent("e" + ++eventsSent, userId, null, null, type, channelId,
                System.currentTimeMillis(), null);
        producer.send(new ProducerRecord<>(TOPIC, userId, EventJson.write(event))).get();
    }

    private static <T extends AutoCloseable> T opened(T resource) {
        started.push(resource);
        return resource;
    }
}
