package dev.lkdash.guard.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The per-address limits and the address rule, as configured. */
@ApplicationScoped
public class RequestLimits {

    @Inject
    @ConfigProperty(name = "dashboard.http.trusted-proxies")
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "dashboard.http.rate-limit-per-second")
    double apiRatePerSecond;

    @Inject
    @ConfigProperty(name = "dashboard.http.max-body-bytes")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "dashboard.sse.max-connections-per-address")
    int streamsPerAddress;

    @Inject
    @ConfigProperty(name = "dashboard.cors.allowed-origins")
    Optional<String> allowedOrigins;

    private ClientAddresses addresses;
    private AddressRateLimiter apiRequests;
    private StreamSlots streams;
    private CorsPolicy cors;

    @PostConstruct
    void configure() {
        addresses = ClientAddresses.trusting(list(trustedProxies));
        apiRequests = new AddressRateLimiter(apiRatePerSecond, System::nanoTime);
        streams = new StreamSlots(streamsPerAddress);
        cors = new CorsPolicy(Set.copyOf(list(allowedOrigins)));
    }

    public ClientAddresses addresses() {
        return addresses;
    }

    /** @return 0 when the API request may go ahead, else the seconds to wait */
    public long acquireApiRequest(String address) {
        return apiRequests.acquire(address);
    }

    public StreamSlots streams() {
        return streams;
    }

    public int streamsPerAddress() {
        return streamsPerAddress;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public CorsPolicy cors() {
        return cors;
    }

    /** A comma-separated setting as its entries. */
    public static List<String> list(Optional<String> setting) {
        return setting.map(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(entry -> !entry.isEmpty()).collect(Collectors.toList())).orElse(List.of());
    }
}
