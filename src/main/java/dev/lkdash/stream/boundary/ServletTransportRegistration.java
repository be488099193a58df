package dev.lkdash.stream.boundary;

import dev.lkdash.stream.control.EventStreams;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

/** Maps {@link EventStreamServlet} to {@code /api/events} when {@code dashboard.sse.transport=servlet}. */
@WebListener
public class ServletTransportRegistration implements ServletContextListener {

    @Inject
    EventStreams streams;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        if (streams.servletChosen()) {
            ServletRegistration.Dynamic servlet = started.getServletContext().addServlet("event-stream", EventStreamServlet.class);
            servlet.setAsyncSupported(true);
            servlet.addMapping("/api/events");
        }
    }
}
