import { cmdbContext } from '@itsm/cmdb';
import { runService } from '@itsm/platform/service';

/** The CMDB service in microservices mode (Kafka and MongoDB required); `npm start` is the all-in-one. */
void runService(cmdbContext);
