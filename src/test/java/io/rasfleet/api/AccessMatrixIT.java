package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.RequiredServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint against every kind of user: no user 401, a user without the role 403, a user with
 * it gets past security (whatever the call then answers). The calls name things that do not
 * exist, so nothing is changed by the ones that get through.
 */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class AccessMatrixIT {

    private static final List<String> VIEWERS = List.of("viewer", "operator", "admin");
    private static final List<String> OPERATORS = List.of("operator", "admin");
    private static final List<String> ADMINS = List.of("admin");

    private static final Map<String, String> USERS = Map.of(
            "viewer", RasfleetClient.VIEWER, "operator", RasfleetClient.OPERATOR, "admin", RasfleetClient.ADMIN,
            "nobody", RasfleetClient.NOBODY);

    record Call(String method, String path, String body, List<String> allowed) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("GET", "runs", null, VIEWERS),
            new Call("POST", "runs", "{}", OPERATORS),
            new Call("GET", "runs/999999", null, VIEWERS),
            new Call("POST", "runs/999999/stop", null, OPERATORS),
            new Call("POST", "runs/999999/restart", null, OPERATORS),
            new Call("GET", "runs/999999/plans/01/messages", null, VIEWERS),
            new Call("GET", "runs/999999/results.csv", null, VIEWERS),
            new Call("GET", "runs/999999/results.json", null, VIEWERS),
            new Call("GET", "projects", null, VIEWERS),
            new Call("GET", "projects/plans?project=/nowhere/Muncie.prj", null, VIEWERS),
            new Call("GET", "workers", null, VIEWERS),
            new Call("GET", "workers/types", null, VIEWERS),
            new Call("POST", "workers", "{}", ADMINS),
            new Call("GET", "workers/ghost", null, VIEWERS),
            new Call("PUT", "workers/ghost", "{\"name\": \"ghost\"}", ADMINS),
            new Call("DELETE", "workers/ghost", null, ADMINS),
            new Call("POST", "workers/ghost/check", null, OPERATORS),
            new Call("GET", "metrics", null, VIEWERS));

    private final RasfleetClient api = new RasfleetClient();

    @Test
    void everyEndpointAnswersEveryRoleAsItShould() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Call call : CALLS) {
            int anonymous = api.call(null, call.method(), call.path(), call.body()).status();
            if (anonymous != 401) {
                wrong.add(call.method() + " " + call.path() + " without a user: " + anonymous);
            }
            for (Map.Entry<String, String> user : USERS.entrySet()) {
                RasfleetClient.Answer answer = api.call(user.getValue(), call.method(), call.path(), call.body());
                boolean allowed = call.allowed().contains(user.getKey());
                boolean refused = answer.status() == 401 || answer.status() == 403;
                if (allowed == refused || (!allowed && answer.status() != 403)) {
                    wrong.add(call.method() + " " + call.path() + " as " + user.getKey() + ": " + answer.status() + " " + answer.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aViewerReadsEachWorkerTypesFieldsWithTheirRules() throws Exception {
        RasfleetClient.Answer answer = api.call(RasfleetClient.VIEWER, "GET", "workers/types", null);
        assertEquals(200, answer.status(), answer.body());
        jakarta.json.JsonObject types = jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readObject();
        List<String> names = types.getJsonArray("types").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(t -> t.getString("type")).toList();
        assertEquals(List.of("local", "ssh", "docker", "psexec", "slurm"), names);
        jakarta.json.JsonObject ssh = types.getJsonArray("types").getJsonObject(1);
        jakarta.json.JsonObject hostname = ssh.getJsonArray("fields").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(f -> f.getString("name").equals("hostname")).findFirst().orElseThrow();
        assertEquals("string", hostname.getString("type"));
        assertTrue(hostname.getBoolean("required"));
        jakarta.json.JsonObject port = ssh.getJsonArray("fields").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(f -> f.getString("name").equals("port")).findFirst().orElseThrow();
        assertEquals(65535, port.getInt("max"), port.toString());
    }

    @Test
    void theApiAnswersOverHttpsWithTheSameRules() throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        // the demo's certificate is self-signed for "localhost": its name is checked, its signer trusted here only
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(trustAll).build();
        java.net.URI runs = java.net.URI.create("https://localhost:" + io.rasfleet.testing.ItPorts.https() + "/rasfleet/api/runs");
        assertEquals(401, https.send(java.net.http.HttpRequest.newBuilder(runs).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        String viewer = java.util.Base64.getEncoder().encodeToString(RasfleetClient.VIEWER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> answer = https.send(java.net.http.HttpRequest.newBuilder(runs)
                .header("Authorization", "Basic " + viewer).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.sslSession().orElseThrow().getProtocol().startsWith("TLS"), "answered over TLS");
    }
}
