/** The quickstart against an S3 endpoint. */
package io.lode.examples.s3;
