package io.lode.examples.s3;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.examples.IsleTour;
import io.lode.examples.StoreTour;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The quickstart against any S3 endpoint: AWS, MinIO, R2, or S3Proxy on your machine.
 *
 * <pre>
 * S3Quickstart lode:s3://bucket/prefix?region=us-east-1&amp;endpoint=http://127.0.0.1:9000
 * </pre>
 * Leave out {@code endpoint} for AWS. Credentials come from {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}); the bucket must exist. Each run
 * works under a new {@code run-<time>/} below the prefix, so runs never collide.
 */
public final class S3Quickstart {
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].startsWith("lode:s3://")) {
            System.err.println("usage: S3Quickstart lode:s3://bucket/prefix?region=us-east-1&endpoint=http://127.0.0.1:9000");
            System.exit(2);
        }
        URI given = URI.create(args[0].substring("lode:".length()));
        String run = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        String path = given.getRawPath() == null || given.getRawPath().isEmpty() ? "/" : given.getRawPath();
        String url = "lode:s3://" + given.getRawAuthority() + (path.endsWith("/") ? path : path + "/") + run
                + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery());
        // Credentials stay out of the URL: the driver reads them from the AWS variables.
        try (LodeConnection connection = Lode.connect(url)) {
            StoreTour.run(connection);
            IsleTour.run(connection);
        }
        System.out.println("done; the objects are under " + url);
    }
}
