'use strict';
/*
 * Talks to a schema registry the way a Node.js application written for Confluent Schema Registry
 * does, with Confluent's own client and Avro serdes (@confluentinc/schemaregistry), and prints
 * what it saw as one JSON object on stdout. RegistryInteropTest runs it against MedPulse's
 * embedded registry.
 *
 * Input, one JSON object on stdin:
 *   registryUrl         base URL of the registry
 *   topic               the Kafka topic; the subject is "<topic>-value" (TopicNameStrategy)
 *   schema              the Avro schema to register (a JSON string)
 *   record              a record of that schema, as JSON, to encode
 *   incompatibleSchema  (optional) a schema the registry must refuse as incompatible
 *   decodeHex           (optional) Confluent wire-format bytes (hex) to decode
 * Output: registeredId, registeredAgainId, lookup, latest, byId, subjects, incompatibleError,
 *   encodedHex (the record in the wire format), roundTrip (encodedHex decoded), decoded.
 * Exit code 1, with the error on stderr, when any step fails unexpectedly.
 */
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, RestError,
} = require('@confluentinc/schemaregistry');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function newClient(url) {
  // A fresh client has empty caches, so every call below really reaches the registry.
  return new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
}

async function refusal(call) {
  try {
    await call();
  } catch (e) {
    if (e instanceof RestError) {
      return { status: e.status, errorCode: e.errorCode, message: e.message };
    }
    throw e;
  }
  return null;
}

async function main() {
  const input = await readStdin();
  const subject = `${input.topic}-value`;
  const avro = { schemaType: 'AVRO', schema: input.schema };
  const out = {};

  out.registeredId = await newClient(input.registryUrl).register(subject, avro);
  const client = newClient(input.registryUrl);
  out.registeredAgainId = await client.register(subject, { schema: input.schema });
  out.lookup = await client.getIdFullResponse(subject, avro);
  out.latest = await client.getLatestSchemaMetadata(subject);
  out.byId = await client.getBySubjectAndId(subject, out.registeredId);
  out.subjects = await client.getAllSubjects();
  if (input.incompatibleSchema) {
    out.incompatibleError = await refusal(() => newClient(input.registryUrl)
      .register(subject, { schemaType: 'AVRO', schema: input.incompatibleSchema }));
  }

  const serializer = new AvroSerializer(newClient(input.registryUrl), SerdeType.VALUE,
    { autoRegisterSchemas: false, useLatestVersion: true });
  const encoded = await serializer.serialize(input.topic, input.record);
  out.encodedHex = encoded.toString('hex');

  const deserializer = new AvroDeserializer(newClient(input.registryUrl), SerdeType.VALUE, {});
  out.roundTrip = await deserializer.deserialize(input.topic, encoded);
  if (input.decodeHex) {
    out.decoded = await deserializer.deserialize(input.topic, Buffer.from(input.decodeHex, 'hex'));
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`interop failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
