package dev.tokenmint.adapter.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads request bodies strictly: valid JSON, one object, no duplicate keys, no unknown fields (a
 * typo such as {@code acessRole} would otherwise silently default to {@code editor}), no coercion
 * between strings, numbers and booleans, and bounded nesting. Then checks the request's Hibernate
 * Validator constraints. Every problem becomes an {@link InvalidArgumentException} whose field is
 * the JSON path ({@code permissions.resources[1].expiresAt}).
 */
public final class JsonBodies {

  /** Deepest JSON nesting accepted; tokenmint's own requests need five levels. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Longest number accepted, in characters; a Unix time or a count needs at most 20. */
  public static final int MAX_NUMBER_LENGTH = 40;

  private final ObjectMapper mapper;
  private final Validator validator;

  /**
   * Per request type, a reader that binds a nested object and leaves the tokens after it (the
   * wrapper's closing brace) to the caller, which checks them itself.
   */
  private final ClassValue<ObjectReader> nestedReaders =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
      };

  /** Bodies read with tokenmint's strict mapper and a validator without expression language. */
  public JsonBodies() {
    this.mapper = strictMapper();
    ValidatorFactory factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    this.validator = factory.getValidator();
  }

  /** The mapper requests are read and responses written with. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Reads {@code body} as {@code type}. With {@code unwrapData}, a body {@code {"data": {...}}} is
   * read as its {@code data} object (Velt wraps bodies so; both forms are accepted).
   *
   * @throws InvalidArgumentException naming the path of every problem found
   */
  public <T> T read(byte[] body, Class<T> type, boolean unwrapData) {
    T direct = bindDirectly(body, type, unwrapData);
    if (direct != null) {
      validate(direct);
      return direct;
    }
    return readThroughTree(body, type, unwrapData);
  }

  /**
   * The fast path of {@link #read}: binds the body straight to {@code type} from the parser, with
   * the same strict mapper, without building a tree first. Returns null whenever it does not
   * succeed — not an object, a wrapper that is not exactly {@code {"data": {...}}}, bad JSON, a
   * broken limit, a field that does not bind — so that {@link #readThroughTree} reads the body
   * again and names the problem exactly as it always has. What this path accepts, the tree path
   * accepts too, as the same value: same parser features, same stream limits, same binding
   * configuration.
   */
  private <T> T bindDirectly(byte[] body, Class<T> type, boolean unwrapData) {
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      if (!unwrapData
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !"data".equals(parser.currentName())) {
        // A bare body: bound whole, trailing tokens refused by the mapper. A bare body holding
        // "data" after other fields fails on it as an unknown field (no request has a "data"
        // field), and the tree path then reports the wrapper's rule.
        return mapper.readValue(body, type);
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      T value = nestedReaders.get(type).readValue(parser);
      boolean exactlyWrapped =
          parser.nextToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
      return exactlyWrapped ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** How {@link #read} always read, through a tree: the fallback that names every problem. */
  <T> T readThroughTree(byte[] body, Class<T> type, boolean unwrapData) {
    if (body.length == 0) {
      throw new InvalidArgumentException("", "request body is empty; send a JSON object");
    }
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw new InvalidArgumentException("", "request body must be a JSON object");
    }
    if (unwrapData && node.has("data")) {
      JsonNode data = node.get("data");
      if (node.size() != 1 || !data.isObject()) {
        throw new InvalidArgumentException(
            "data", "a wrapped request is exactly {\"data\": {...}} with an object inside");
      }
      node = data;
    }
    T value = bind(node, type);
    validate(value);
    return value;
  }

  private JsonNode parse(byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw limitBroken(body);
    } catch (JsonParseException e) {
      // Duplicate keys are well-formed JSON (RFC 8259 only says names SHOULD be unique), so say
      // which field repeats rather than "not valid JSON". Jackson 2 has no exception type of its
      // own for this; its parsing context already holds the repeated name.
      if (e.getOriginalMessage() != null
          && e.getOriginalMessage().startsWith("Duplicate field")
          && e.getProcessor() != null) {
        throw new InvalidArgumentException(
            path(e.getProcessor().getParsingContext()),
            "appears more than once in its object; send each field once");
      }
      throw notJson(e);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new InvalidArgumentException("", "request body could not be read");
    }
  }

  /**
   * Names where a read limit broke. Jackson's exception carries neither path nor location, so the
   * body (already known to break one) is read again token by token, and the parser, stopped at the
   * value that broke it, says where it is.
   */
  private InvalidArgumentException limitBroken(byte[] body) {
    try (JsonParser parser = mapper.createParser(body)) {
      try {
        while (parser.nextToken() != null) {
          // only the failure matters
        }
      } catch (StreamConstraintsException e) {
        JsonStreamContext at = parser.getParsingContext();
        String where = where(parser.currentLocation());
        if (at.getNestingDepth() > MAX_NESTING_DEPTH) {
          return new InvalidArgumentException(
              path(at), "nests deeper than the limit of " + MAX_NESTING_DEPTH + " levels" + where);
        }
        return new InvalidArgumentException(
            path(at),
            "holds a number longer than "
                + MAX_NUMBER_LENGTH
                + " characters, or a string over the size limit"
                + where);
      }
    } catch (IOException e) {
      // the first read failed on a limit; a second that fails otherwise gets the general answer
    }
    return new InvalidArgumentException(
        "",
        "request JSON breaks a size limit (nesting deeper than "
            + MAX_NESTING_DEPTH
            + " levels, or a number or string too long)");
  }

  private static String where(JsonLocation location) {
    return location == null
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static InvalidArgumentException notJson(JsonProcessingException e) {
    return new InvalidArgumentException(
        "", "request body is not valid JSON" + where(e.getLocation()));
  }

  /**
   * Reads {@code node} as {@code type}, as strictly as a request body: no unknown fields, no
   * coercion between strings, numbers and booleans.
   *
   * @throws InvalidArgumentException naming the path of the problem ({@code expiresAt}), relative
   *     to {@code node}
   */
  public <T> T bind(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      Set<String> known = knownFields(e.getKnownPropertyIds());
      throw new InvalidArgumentException(
          path(e),
          known.isEmpty()
              ? "is not a known field; this request takes no fields"
              : "is not a known field; known fields: " + known);
    } catch (MismatchedInputException e) {
      throw new InvalidArgumentException(path(e), "must be " + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InputCoercionException) {
        throw new InvalidArgumentException(path(e), "is out of range");
      }
      throw new InvalidArgumentException(path(e), "has an invalid value");
    } catch (InputCoercionException e) {
      throw new InvalidArgumentException("", "a number is out of range: " + e.getOriginalMessage());
    } catch (StreamReadException e) {
      throw new InvalidArgumentException("", "request body could not be read as JSON");
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException("", "request body does not have the expected shape");
    }
  }

  private void validate(Object value) {
    Set<ConstraintViolation<Object>> found = validator.validate(value);
    if (found.isEmpty()) {
      return;
    }
    // Record components carry their constraints on the field and the accessor alike; keep one.
    Set<Violation> unique = new LinkedHashSet<>();
    found.stream()
        .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
        .forEach(v -> unique.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
    throw new InvalidArgumentException(new ArrayList<>(unique));
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path of the field a streaming parser is at: {@code permissions.resources[1].type}. */
  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        // a container just opened has no position yet; its parent names where it is
        if (at.hasCurrentIndex()) {
          parts.addFirst("[" + at.getCurrentIndex() + "]");
        }
      } else if (at.getCurrentName() != null) {
        parts.addFirst(at.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (path.length() > 0 && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.toString();
  }

  private static Set<String> knownFields(Collection<Object> ids) {
    Set<String> names = new TreeSet<>();
    if (ids != null) {
      ids.forEach(id -> names.add(String.valueOf(id)));
    }
    return names;
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "of another type";
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    // No coercion between strings, numbers and booleans: "true" is not true, 1.0 is not 1.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Boolean)) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }
}
