package io.ottpulse.gateway.limits;

import io.ottpulse.gateway.GatewayFilterOrder;
import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.MediaType;

/**
 * Route filter {@code RequireContentType=application/json[,...]}: a request whose {@code Content-Type} is none of the
 * given media types (parameters such as {@code charset} are allowed) is answered with 415.
 */
public final class RequireContentTypeGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RequireContentTypeGatewayFilterFactory.Config> {

    public RequireContentTypeGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public ShortcutType shortcutType() {
        return ShortcutType.GATHER_LIST;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("mediaTypes");
    }

    @Override
    public GatewayFilter apply(Config config) {
        List<MediaType> accepted = config.getMediaTypes().stream().map(MediaType::parseMediaType).toList();
        String expected = String.join(", ", config.getMediaTypes());
        return new OrderedGatewayFilter((exchange, chain) -> {
            MediaType contentType = contentType(exchange.getRequest().getHeaders().getFirst("Content-Type"));
            if (contentType != null && accepted.stream().anyMatch(type -> type.equalsTypeAndSubtype(contentType))) {
                return chain.filter(exchange);
            }
            return GatewayErrors.write(exchange, GatewayError.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + expected + "; was " + (contentType == null ? "missing or invalid"
                            : contentType.getType() + "/" + contentType.getSubtype()));
        }, GatewayFilterOrder.CONTENT_TYPE);
    }

    private static MediaType contentType(String header) {
        if (header == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /** The accepted media types. */
    public static final class Config {

        private List<String> mediaTypes = new ArrayList<>();

        public List<String> getMediaTypes() {
            return mediaTypes;
        }

        public void setMediaTypes(List<String> mediaTypes) {
            this.mediaTypes = mediaTypes;
        }
    }
}
