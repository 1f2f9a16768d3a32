package io.ottpulse.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys the gateway accepts, each mapped to its {@link ApiClient}. Only SHA-256 digests of the keys are kept,
 * and a presented key is looked up by its digest, so neither a heap dump nor the timing of a lookup reveals a key.
 *
 * <p>Entry syntax: {@code client:key[:rate[:burst]]}; without a burst it is twice the rate, without both the
 * defaults apply. The key may be given as {@code {sha256}<64 hex digits>}, so a
 * keys file need not hold the keys themselves. A client may have several keys (rotation); they share one rate limit,
 * which must then be the same in each entry. Error messages name the entry by its position, never by its content.
 */
public final class ApiKeys {

    public static final String SHA256_PREFIX = "{sha256}";
    /** Shortest key accepted: shorter ones are guessable. */
    public static final int MIN_KEY_LENGTH = 16;

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e&&[^:,]]+");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeys::sha256);

    private final Map<String, ApiClient> clientsByDigest;

    private ApiKeys(Map<String, ApiClient> clientsByDigest) {
        this.clientsByDigest = Map.copyOf(clientsByDigest);
    }

    /**
     * @param inline entries separated by commas or line breaks (e.g. from an environment variable); may be empty
     * @param file a file of entries, one per line, {@code #} comments; null for none
     */
    public static ApiKeys load(String inline, Path file, int defaultRate, int defaultBurst) {
        Builder builder = new Builder(defaultRate, defaultBurst);
        builder.addAll("ottpulse.gateway.api-keys", List.of(inline.split("[,\\n]")));
        if (file != null) {
            try {
                builder.addAll(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API keys file " + file, e);
            }
        }
        return new ApiKeys(builder.clientsByDigest);
    }

    /** The client a presented key belongs to; empty for an unknown key. */
    public Optional<ApiClient> lookup(String presentedKey) {
        return Optional.ofNullable(clientsByDigest.get(digest(presentedKey)));
    }

    /** Number of keys (not clients). */
    public int size() {
        return clientsByDigest.size();
    }

    /** The clients, each once however many keys it has. */
    public List<ApiClient> clients() {
        return clientsByDigest.values().stream().distinct()
                .sorted(Comparator.comparing(ApiClient::name)).toList();
    }

    static String digest(String key) {
        MessageDigest sha256 = SHA256.get();
        return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Builder {

        private final int defaultRate;
        private final int defaultBurst;
        private final Map<String, ApiClient> clientsByDigest = new HashMap<>();
        private final Map<String, ApiClient> clientsByName = new HashMap<>();

        Builder(int defaultRate, int defaultBurst) {
            this.defaultRate = defaultRate;
            this.defaultBurst = defaultBurst;
        }

        void addAll(String source, List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                String entry = lines.get(i).strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    try {
                        add(entry);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("entry " + (i + 1) + " of " + source + ": " + e.getMessage());
                    }
                }
            }
        }

        private void add(String entry) {
            String[] fields = entry.split(":", -1);
            if (fields.length < 2 || fields.length > 4) {
                throw new IllegalArgumentException("expected client:key[:rate[:burst]]");
            }
            int rate = fields.length > 2 ? number(fields[2], "rate") : defaultRate;
            int burst = fields.length > 3 ? number(fields[3], "burst") : fields.length > 2 ? 2 * rate : defaultBurst;
            ApiClient client = new ApiClient(fields[0], rate, burst);
            if (client.isAnonymous()) {
                throw new IllegalArgumentException("the client name " + ApiClient.ANONYMOUS_NAME + " is reserved");
            }
            ApiClient known = clientsByName.putIfAbsent(client.name(), client);
            if (known != null && !known.equals(client)) {
                throw new IllegalArgumentException("client " + client.name() + " is listed with two different limits");
            }
            if (clientsByDigest.put(keyDigest(fields[1]), client) != null) {
                throw new IllegalArgumentException("the same key is listed twice");
            }
        }

        private static String keyDigest(String key) {
            if (key.startsWith(SHA256_PREFIX)) {
                String digest = key.substring(SHA256_PREFIX.length());
                if (!DIGEST.matcher(digest).matches()) {
                    throw new IllegalArgumentException("a " + SHA256_PREFIX + " key needs 64 hex digits");
                }
                return digest.toLowerCase(Locale.ROOT);
            }
            if (key.length() < MIN_KEY_LENGTH || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("a key has at least " + MIN_KEY_LENGTH
                        + " printable characters, without spaces, ':' or ','");
            }
            return digest(key);
        }

        private static int number(String field, String what) {
            try {
                return Integer.parseInt(field.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the " + what + " is not a whole number");
            }
        }
    }
}
