package dev.revive.actuator.moto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.revive.testkit.RealMoto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The test's own Route 53 calls on moto (REST/XML, SigV4-signed like the driver's, since the SDK's route53 jar is
 * not on the mirror): create a hosted zone, read a zone's record sets back.
 */
final class MotoRoute53 {

    /** One record set as moto lists it. */
    record RecordSet(String name, String type, long ttl, List<String> values) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> UNSIGNABLE = Set.of("host", "content-length");

    private MotoRoute53() {
    }

    /** Creates a public hosted zone and returns its bare id. */
    static String createZone(String name) {
        String body = "<CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>" + name
                + "</Name><CallerReference>" + java.util.UUID.randomUUID() + "</CallerReference></CreateHostedZoneRequest>";
        Document d = send(SdkHttpMethod.POST, "/2013-04-01/hostedzone", body);
        String id = d.getElementsByTagName("Id").item(0).getTextContent();
        return id.substring(id.lastIndexOf('/') + 1);
    }

    static List<RecordSet> recordSets(String zoneId) {
        Document d = send(SdkHttpMethod.GET, "/2013-04-01/hostedzone/" + zoneId + "/rrset", null);
        List<RecordSet> out = new ArrayList<>();
        NodeList sets = d.getElementsByTagName("ResourceRecordSet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element e = (Element) sets.item(i);
            List<String> values = new ArrayList<>();
            NodeList vs = e.getElementsByTagName("Value");
            for (int j = 0; j < vs.getLength(); j++) {
                values.add(vs.item(j).getTextContent().strip());
            }
            NodeList ttl = e.getElementsByTagName("TTL");
            out.add(new RecordSet(text(e, "Name"), text(e, "Type"),
                    ttl.getLength() == 0 ? -1 : Long.parseLong(ttl.item(0).getTextContent().strip()), values));
        }
        return out;
    }

    static List<RecordSet> aRecords(String zoneId, String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return recordSets(zoneId).stream()
                .filter(r -> r.type().equals("A") && (r.name().equals(bare) || r.name().equals(bare + "."))).toList();
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    private static Document send(SdkHttpMethod method, String path, String body) {
        URI uri = RealMoto.endpoint().resolve(path);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(method).uri(uri)
                .putHeader("Content-Type", "application/xml")
                .contentStreamProvider(() -> new ByteArrayInputStream(bytes)).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-not-real")).request(unsigned)
                .payload(unsigned.contentStreamProvider().orElseThrow())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "route53")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method.name(), body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach((name, values) -> {
            if (!UNSIGNABLE.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("Route 53 on moto answered " + r.statusCode() + ": " + r.body());
            }
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
