package org.medpulse.streams.api.survey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.question.BarriersQuestion;
import org.medpulse.streams.query.question.DriversQuestion;
import org.medpulse.streams.query.question.RollingUsageQuestion;
import org.medpulse.streams.query.question.ToolTrendQuestion;
import org.medpulse.streams.query.question.ToolsQuestion;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.query.question.WavesQuestion;

/**
 * A route of the survey API: its path, the query parameters it accepts and, for a question, how a
 * request becomes that question. {@link #ALL} is the single list that request validation,
 * authentication, the peer endpoint and the OpenAPI test read; adding a question to the API is
 * one entry here.
 *
 * @param question how a validated request becomes the question, empty for the other routes
 */
public record ApiRoute(String path, List<String> queryParameters, Optional<QuestionRoute> question) {

    /** The prefix under which a bearer token is required when one is configured. */
    public static final String PROTECTED_PREFIX = "/api/";

    public static final ApiRoute WAVES = question("/api/v1/waves", List.of(QueryParameters.ALLOW_STALE),
            WavesQuestion.TYPE, request -> new WavesQuestion());
    public static final ApiRoute WAVE_USAGE = question("/api/v1/waves/{wave}/usage", filtersAnd(QueryParameters.ALLOW_STALE),
            UsageQuestion.TYPE, request -> new UsageQuestion(request.wave(), request.filter()));
    public static final ApiRoute WAVE_BARRIERS = question("/api/v1/waves/{wave}/barriers", filtersAnd(QueryParameters.ALLOW_STALE),
            BarriersQuestion.TYPE, request -> new BarriersQuestion(request.wave(), request.filter()));
    public static final ApiRoute WAVE_DRIVERS = question("/api/v1/waves/{wave}/drivers", filtersAnd(QueryParameters.ALLOW_STALE),
            DriversQuestion.TYPE, request -> new DriversQuestion(request.wave(), request.filter()));
    public static final ApiRoute WAVE_TOOLS = question("/api/v1/waves/{wave}/tools",
            filtersAnd(QueryParameters.TOP, QueryParameters.ALLOW_STALE),
            ToolsQuestion.TYPE, request -> new ToolsQuestion(request.wave(), request.filter(),
                    request.parameters().top().stream().boxed().findFirst().orElse(null)));
    public static final ApiRoute ROLLING_USAGE = question("/api/v1/usage/rolling",
            filtersAnd(QueryParameters.DAYS, QueryParameters.UNTIL, QueryParameters.ALLOW_STALE),
            RollingUsageQuestion.TYPE, request -> new RollingUsageQuestion(request.days(), request.filter()));
    public static final ApiRoute TOOL_TREND = question("/api/v1/tools/{tool}/trend", filtersAnd(QueryParameters.ALLOW_STALE),
            ToolTrendQuestion.TYPE, request -> ToolTrendQuestion.of(request.tool(), request.filter(), request.context().catalogue()));
    public static final ApiRoute STREAM = new ApiRoute("/api/v1/stream", List.of(QueryParameters.ACCESS_TOKEN), Optional.empty());
    public static final ApiRoute OPENAPI = new ApiRoute("/openapi.json", List.of(), Optional.empty());
    public static final ApiRoute METRICS = new ApiRoute("/metrics", List.of(), Optional.empty());

    /** Every route, in the order the API registers them. */
    public static final List<ApiRoute> ALL = List.of(WAVES, WAVE_USAGE, WAVE_BARRIERS, WAVE_DRIVERS, WAVE_TOOLS, ROLLING_USAGE,
            TOOL_TREND, STREAM, OPENAPI, METRICS);

    public ApiRoute {
        Objects.requireNonNull(path, "path");
        queryParameters = List.copyOf(queryParameters);
        Objects.requireNonNull(question, "question");
    }

    /** A route that asks a question of {@code type}, made from each request by {@code factory}. */
    public static ApiRoute question(String path, List<String> queryParameters, QuestionType<?> type,
                                    QuestionFactory factory) {
        return new ApiRoute(path, queryParameters, Optional.of(new QuestionRoute(type, factory)));
    }

    public boolean isProtected() {
        return path.startsWith(PROTECTED_PREFIX);
    }

    /** The filters, then {@code more}. */
    public static List<String> filtersAnd(String... more) {
        List<String> names = new ArrayList<>(QueryParameters.FILTERS);
        names.addAll(List.of(more));
        return List.copyOf(names);
    }

    /** The question a route asks: its type (which the peer endpoint serves) and how a request makes one. */
    public record QuestionRoute(QuestionType<?> type, QuestionFactory factory) {
        public QuestionRoute {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(factory, "factory");
        }
    }

    /** Makes a question from a request whose parameters were checked against the route's. */
    @FunctionalInterface
    public interface QuestionFactory {
        Question<?, ?> question(Request request);
    }

    /**
     * A request to a question's route: its query parameters (already restricted to the route's),
     * its path parameters, what "today" is, and what its answer will be rendered with (the
     * audience's method, the tool catalogue). Each accessor validates what it reads, so a bad value
     * is a 400 naming it.
     */
    public record Request(QueryParameters parameters, Map<String, String> pathParameters, Clock clock,
                          AnswerContext context) {

        public String wave() {
            return QueryParameters.wave(pathParameters.get("wave"));
        }

        public String tool() {
            return QueryParameters.tool(pathParameters.get("tool"));
        }

        public SurveyFilter filter() {
            return parameters.filter();
        }

        public DayRange days() {
            return parameters.dayRange(clock, context.disclosure().windows());
        }

        public ReadOptions readOptions() {
            return parameters.readOptions();
        }
    }
}
