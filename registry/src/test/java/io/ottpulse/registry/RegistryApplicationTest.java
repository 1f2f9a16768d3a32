package io.ottpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void registersListsAndCancelsAnInstance() throws Exception {
        String registration = """
                {"instance":{"instanceId":"probe-1","hostName":"localhost","app":"PROBE","ipAddr":"127.0.0.1",
                 "status":"UP","port":{"$":1234,"@enabled":"true"},"vipAddress":"probe",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
        HttpResponse<String> registered = send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(registration)));
        assertThat(registered.statusCode()).isEqualTo(204);

        HttpResponse<String> listed = send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE"))
                .header("Accept", "application/json"));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"instanceId\":\"probe-1\"").contains("\"status\":\"UP\"");

        assertThat(send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE/probe-1")).DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE")).header("Accept", "application/json"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
