package io.lode.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link S3ProxyServer} shared by every test of this JVM: started on first use,
 * stopped when the test run ends. Use it with {@code @ExtendWith(S3ProxyExtension.class)} and a
 * parameter of type {@code S3ProxyServer} (e.g. of a {@code @BeforeAll} method); any module can,
 * through the native-core test jar.
 */
public final class S3ProxyExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store lives as long as the test run and closes its AutoCloseable values at the end.
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(S3ProxyServer.class, k -> S3ProxyServer.start(), S3ProxyServer.class);
    }
}
